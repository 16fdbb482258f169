import { type UploadKind, uploadKinds } from '../../../../platform/uploads/upload-kind.ts';
import type { BaseField, FieldKind } from '../field-kind.ts';
import { Described } from '../shared/input-parts.tsx';

export type FileType = 'application/pdf' | 'image/png' | 'image/jpeg';

export interface FileField extends BaseField<'file'> {
  accept?: FileType[];
  maxBytes?: number;
}

/** The answer: the file stored (sealed) with the draft, by the runner's route (`storeFile`). */
export interface StoredFile {
  fileId: string;
  name: string;
  size?: number;
  type: FileType;
}

const anyType: FileType[] = ['application/pdf', 'image/png', 'image/jpeg'];
/** Every type a file field may accept, for a field that names none. */
export const documentMimes = anyType;

/** The upload kind (`readUploads`) of a type a field accepts. */
export function kindOfMime(mime: FileType): UploadKind[] {
  return (Object.keys(uploadKinds) as UploadKind[]).filter((kind) => uploadKinds[kind].mime === mime);
}

/** A document the person attaches; the route checks its content and stores it, not this parse. */
export const fileField: FieldKind<FileField> = {
  type: 'file',
  name: { fr: 'Fichier', de: 'Datei', en: 'File' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: false,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({}),
  examples: {
    valid: [{ fileId: 'f1', name: 'plan.pdf', size: 1200, type: 'application/pdf' }],
    invalid: [{ fileId: 'f1', name: 'a.gif', type: 'image/gif' }, { name: 'plan.pdf' }],
  },
  problems: () => [],
  // A step posted without a new file keeps the one attached before.
  parse: (_field, _posted, _name, previous) => previous,
  check(field, value) {
    const f = value as Record<string, unknown> | null;
    if (typeof f !== 'object' || f === null || typeof f.fileId !== 'string' || typeof f.type !== 'string')
      return 'required';
    return (field.accept ?? anyType).includes(f.type as FileType) ? undefined : 'fileType';
  },
  display: (_field, value) => (value as StoredFile).name,
  schema: (field) => ({
    type: 'object',
    required: ['fileId', 'type'],
    properties: {
      fileId: { type: 'string' },
      name: { type: 'string' },
      size: { type: 'integer' },
      type: { enum: field.accept ?? anyType },
    },
  }),
  fileOf: (value) => (value as StoredFile).fileId,
  Input: (props) => (
    <>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <Described id={props.id} hint={props.hint} error={props.error} t={props.t} />
      {Boolean(props.value) && <p>{props.t('currentFile', { name: props.display(props.value) })}</p>}
      <input
        class="field__input"
        type="file"
        id={props.id}
        name={props.name}
        accept={(props.field.accept ?? anyType).join(',')}
        {...props.aria}
      />
    </>
  ),
  Options: () => null,
  readOptions: (field) => field,
};
