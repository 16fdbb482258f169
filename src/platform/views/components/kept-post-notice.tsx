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

export const keptPostNoticeExamples = [
  () => <KeptPostNotice fileLabels={[]} />,
  () => <KeptPostNotice fileLabels={['Diplôme', 'Pièce d’identité']} />,
];
