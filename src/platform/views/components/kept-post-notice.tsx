import { keptPostField } from '../../http/kept-posts.ts';
import { usePage } from '../page-context.ts';
import { sessionMessages } from '../session-messages.ts';

/**
 * Above a form filled in again from a post kept after a time-out (`findKeptPost`): says that nothing
 * was saved yet, and names each file field to attach again (files are not kept).
 */
export function KeptPostNotice(props: { fileLabels: string[] }) {
  const t = sessionMessages.translator(usePage().locale);
  return (
    <div class="notification notification--important" role="status">
      <div class="notification__body">
        <p>{t('keptNotice')}</p>
        {props.fileLabels.map((label) => (
          <p>{t('keptFiles', { fields: label })}</p>
        ))}
      </div>
    </div>
  );
}

/**
 * In the form filled in again from a kept post, right after `CsrfField` (the router reads only the head
 * of a body with files): sending that form is what makes the router forget the kept post.
 */
export function KeptPostField() {
  return <input type="hidden" name={keptPostField} value="1" />;
}

export const keptPostNoticeExamples = [
  () => <KeptPostNotice fileLabels={[]} />,
  () => <KeptPostNotice fileLabels={['Diplôme', 'Pièce d’identité']} />,
];
