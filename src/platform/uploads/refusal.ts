import type { Locale } from '../i18n/locales.ts';
import { defineMessages } from '../i18n/messages.ts';
import { type UploadKind, uploadKinds } from './upload-kind.ts';

/** Why an upload was refused; nothing of it is stored. `field` and `name` say which file, when known. */
export type UploadRefusal = {
  code:
    | 'empty'
    | 'too-large'
    | 'too-many-files'
    | 'type-not-accepted'
    | 'type-mismatch'
    | 'polyglot'
    | 'active-content'
    | 'encrypted'
    | 'too-many-pixels'
    | 'archive'
    | 'unreadable'
    | 'malware'
    | 'bad-name'
    | 'scanner-unavailable';
  field?: string;
  /** The name as sent, for the log only: never shown back raw (see `refusalMessage`). */
  name?: string;
  /** What the limit or the accepted kinds were, for the message. */
  maxBytes?: number;
  maxFiles?: number;
  accepted?: UploadKind[];
  /** What was found, for the log (e.g. `/JavaScript`, `zip`). */
  detail?: string;
};

export const uploadMessages = defineMessages({
  fr: {
    empty: 'Le fichier est vide.',
    'too-large': 'Le fichier dépasse la taille maximale de {max}.',
    'too-many-files': 'Vous pouvez joindre au plus {count} fichiers à la fois.',
    'type-not-accepted': 'Ce type de fichier n’est pas accepté. Types acceptés : {kinds}.',
    'type-mismatch':
      'Le contenu du fichier ne correspond pas à son nom (par exemple un « .pdf » qui n’est pas un PDF). Types acceptés : {kinds}.',
    polyglot:
      'Le fichier contient un second fichier caché (par exemple une archive dans un PDF). Enregistrez-le à nouveau depuis votre logiciel et réessayez.',
    'active-content':
      'Le PDF contient du contenu actif (JavaScript, lancement de programme ou fichier joint). Imprimez-le en PDF et réessayez.',
    encrypted: 'Le PDF est protégé par un mot de passe ou chiffré. Envoyez-en une version sans protection.',
    'too-many-pixels':
      'L’image est trop grande (plus de {pixels} millions de pixels). Réduisez-la et réessayez.',
    archive: 'Les archives (ZIP et autres) ne sont pas acceptées. Envoyez les documents eux-mêmes.',
    unreadable: 'Le fichier est endommagé ou illisible.',
    malware: 'Le fichier contient un logiciel malveillant et a été refusé. Il n’a pas été enregistré.',
    'bad-name':
      'Le nom du fichier contient des caractères non admis (chemin, saut de ligne ou caractère d’inversion du sens d’écriture). Renommez-le et réessayez.',
    'scanner-unavailable':
      'Le contrôle antivirus est momentanément indisponible. Réessayez dans quelques minutes.',
  },
  de: {
    empty: 'Die Datei ist leer.',
    'too-large': 'Die Datei ist grösser als die zulässigen {max}.',
    'too-many-files': 'Sie können höchstens {count} Dateien auf einmal beifügen.',
    'type-not-accepted': 'Dieser Dateityp wird nicht angenommen. Zulässige Typen: {kinds}.',
    'type-mismatch':
      'Der Inhalt der Datei passt nicht zu ihrem Namen (zum Beispiel eine «.pdf»-Datei, die kein PDF ist). Zulässige Typen: {kinds}.',
    polyglot:
      'Die Datei enthält eine zweite, versteckte Datei (zum Beispiel ein Archiv in einem PDF). Speichern Sie sie in Ihrem Programm neu und versuchen Sie es nochmals.',
    'active-content':
      'Das PDF enthält aktive Inhalte (JavaScript, Programmstart oder eingebettete Datei). Drucken Sie es als PDF und versuchen Sie es nochmals.',
    encrypted:
      'Das PDF ist mit einem Passwort geschützt oder verschlüsselt. Senden Sie eine ungeschützte Fassung.',
    'too-many-pixels':
      'Das Bild ist zu gross (mehr als {pixels} Millionen Pixel). Verkleinern Sie es und versuchen Sie es nochmals.',
    archive: 'Archive (ZIP und andere) werden nicht angenommen. Senden Sie die Dokumente selbst.',
    unreadable: 'Die Datei ist beschädigt oder nicht lesbar.',
    malware: 'Die Datei enthält Schadsoftware und wurde abgelehnt. Sie wurde nicht gespeichert.',
    'bad-name':
      'Der Dateiname enthält unzulässige Zeichen (Pfad, Zeilenumbruch oder Zeichen zur Umkehr der Schreibrichtung). Benennen Sie die Datei um und versuchen Sie es nochmals.',
    'scanner-unavailable':
      'Die Virenprüfung ist vorübergehend nicht verfügbar. Versuchen Sie es in einigen Minuten nochmals.',
  },
  en: {
    empty: 'The file is empty.',
    'too-large': 'The file is larger than the maximum of {max}.',
    'too-many-files': 'You can attach at most {count} files at once.',
    'type-not-accepted': 'This type of file is not accepted. Accepted types: {kinds}.',
    'type-mismatch':
      'The file’s content does not match its name (for example a “.pdf” that is not a PDF). Accepted types: {kinds}.',
    polyglot:
      'The file hides a second file (for example an archive inside a PDF). Save it again from your software and try again.',
    'active-content':
      'The PDF contains active content (JavaScript, a program launch or an embedded file). Print it to PDF and try again.',
    encrypted: 'The PDF is password-protected or encrypted. Send a version without protection.',
    'too-many-pixels':
      'The image is too large (more than {pixels} million pixels). Make it smaller and try again.',
    archive: 'Archives (ZIP and others) are not accepted. Send the documents themselves.',
    unreadable: 'The file is damaged or cannot be read.',
    malware: 'The file contains malware and was refused. It was not stored.',
    'bad-name':
      'The file name contains characters that are not allowed (a path, a line break or a character reversing the writing direction). Rename it and try again.',
    'scanner-unavailable': 'The virus check is unavailable for the moment. Try again in a few minutes.',
  },
});

/** The largest image accepted, in pixels: decoded as RGBA, 50 MP is 200 MB of memory. */
export const maxImagePixels = 50_000_000;

/** The refusal in the person's language, naming limits and accepted kinds, never echoing the raw name. */
export function refusalMessage(refusal: UploadRefusal, locale: Locale): string {
  const t = uploadMessages.translator(locale);
  const kinds = (refusal.accepted ?? []).map((kind) => uploadKinds[kind].extension.toUpperCase()).join(', ');
  return t(refusal.code, {
    max: formatBytes(refusal.maxBytes ?? 0, locale),
    count: refusal.maxFiles ?? 1,
    kinds,
    pixels: maxImagePixels / 1_000_000,
  });
}

function formatBytes(bytes: number, locale: Locale): string {
  const mb = bytes / (1024 * 1024);
  const unit = locale === 'fr' ? 'Mo' : 'MB';
  return `${new Intl.NumberFormat(`${locale}-CH`, { maximumFractionDigits: 1 }).format(mb)} ${unit}`;
}
