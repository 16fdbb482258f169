import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { acceptedContentTypes } from '../documents.ts';

/**
 * A file input for something that becomes a document: it offers the types the upload check accepts,
 * so the two never drift apart.
 */
export function DocumentFileField(props: {
  id: string;
  name: string;
  label: string;
  error?: string;
  multiple?: boolean;
}) {
  return (
    <FieldFrame id={props.id} label={props.label} error={props.error}>
      <input
        class="field__input"
        type="file"
        id={props.id}
        name={props.name}
        multiple={props.multiple}
        accept={acceptedContentTypes.join(',')}
        aria-describedby={describedBy(props.id, props)}
      />
    </FieldFrame>
  );
}
