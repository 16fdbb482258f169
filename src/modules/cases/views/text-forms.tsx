import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import type { FieldError } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { DocumentFileField } from '../../documents/index.ts';
import type { caseMessages } from '../messages.ts';

type T = ReturnType<typeof caseMessages.translator>;

export function TextArea(props: { name: string; label: string; error?: string; value?: string }) {
  return (
    <FieldFrame id={props.name} label={props.label} error={props.error}>
      <textarea
        class="field__input"
        id={props.name}
        name="text"
        rows={4}
        maxlength={5000}
        aria-describedby={describedBy(props.name, props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** A text and an optional document sent together (a complement, a message); errors keep the text. */
export function TextWithFileForm(props: {
  action: string;
  name: string;
  label: string;
  fileLabel: string;
  photoLabel: string;
  button: string;
  errors: FieldError[];
  kept: Record<string, string> | undefined;
  secondary?: boolean;
}) {
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <form method="post" action={props.action} enctype="multipart/form-data">
      <CsrfField />
      <TextArea
        name={props.name}
        label={props.label}
        error={error(props.name)}
        value={props.kept?.[props.name]}
      />
      <DocumentFileField
        id={`${props.name}-file`}
        name="file"
        label={props.fileLabel}
        error={error(`${props.name}-file`)}
        multiple
      />
      {/* The same capture as a form's document field: photos of the pages become one PDF. */}
      <FieldFrame id={`${props.name}-photo`} label={props.photoLabel}>
        <input
          class="field__input"
          type="file"
          id={`${props.name}-photo`}
          name="file"
          accept="image/jpeg,image/png"
          capture="environment"
          multiple
        />
      </FieldFrame>
      <Button variant={props.secondary ? 'secondary' : undefined}>{props.button}</Button>
    </form>
  );
}

/** A message on a request, with a document if need be: the same on both sides. */
export function MessageForm(props: {
  base: string;
  errors: FieldError[];
  kept: Record<string, string> | undefined;
  t: T;
}) {
  return (
    <TextWithFileForm
      action={`${props.base}/messages`}
      name="message"
      label={props.t('messageLabel')}
      fileLabel={props.t('messageFile')}
      photoLabel={props.t('takePhoto')}
      button={props.t('sendMessage')}
      errors={props.errors}
      kept={props.kept}
      secondary
    />
  );
}
