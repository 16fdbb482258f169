import { z } from 'zod';

/** A text in the canton's languages; French always, the others when written. */
export const localisedText = z.object({
  fr: z.string(),
  de: z.string().optional(),
  en: z.string().optional(),
});

export const uuid = z.uuid();
export const idParams = z.object({ id: z.uuid().describe('The object’s id.') });
export const timestamp = z.iso.datetime({ offset: true });
