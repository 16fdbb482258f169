/** The kinds of file Guichet may accept, each recognised from its content, never from its name. */
export type UploadKind = 'pdf' | 'jpeg' | 'png' | 'heic' | 'csv' | 'xlsx';

export const uploadKinds: Record<UploadKind, { mime: string; extension: string; claimed: string[] }> = {
  pdf: { mime: 'application/pdf', extension: 'pdf', claimed: ['pdf'] },
  jpeg: { mime: 'image/jpeg', extension: 'jpg', claimed: ['jpg', 'jpeg', 'jfif'] },
  png: { mime: 'image/png', extension: 'png', claimed: ['png'] },
  heic: { mime: 'image/heic', extension: 'heic', claimed: ['heic', 'heif'] },
  csv: { mime: 'text/csv', extension: 'csv', claimed: ['csv', 'txt'] },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    claimed: ['xlsx'],
  },
};

/** The documents people send (answers, complements, messages, publications): PDF and photos. */
export const documentKinds: UploadKind[] = ['pdf', 'jpeg', 'png'];

/** The `accept` attribute of a file input for these kinds (a hint to the picker; the server decides). */
export function acceptAttribute(kinds: readonly UploadKind[]): string {
  return kinds.flatMap((kind) => [uploadKinds[kind].mime, `.${uploadKinds[kind].extension}`]).join(',');
}

/** The kind a file's name claims, if its extension names one. */
export function claimedKind(name: string): UploadKind | undefined {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(name.trim())?.[1]?.toLowerCase();
  if (!extension) return undefined;
  return (Object.keys(uploadKinds) as UploadKind[]).find((kind) =>
    uploadKinds[kind].claimed.includes(extension),
  );
}
