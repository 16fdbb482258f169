// pdf-lib (~200 modules with its fonts) loads with the first PDF made or read, not at every start.
const loadPdfLib = () => import('pdf-lib');

const a4 = { short: 595.28, long: 841.89 };
const margin = 18;

/**
 * One PDF of the pages in their order, each on an A4 sheet turned like the page (a landscape photo
 * on a landscape sheet), fitted inside a small margin. The JPEGs are embedded as they are: no second
 * compression.
 */
export async function pdfFromPages(
  pages: { jpeg: Uint8Array; width: number; height: number }[],
  title: string,
): Promise<Uint8Array> {
  const { PDFDocument } = await loadPdfLib();
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('Guichet');
  pdf.setCreationDate(new Date());
  for (const page of pages) {
    const landscape = page.width > page.height;
    const sheet = pdf.addPage(landscape ? [a4.long, a4.short] : [a4.short, a4.long]);
    // A copy of its own: pdf-lib reads the JPEG through `.buffer`, ignoring a view's offset.
    const image = await pdf.embedJpg(new Uint8Array(page.jpeg));
    const scale = Math.min(
      (sheet.getWidth() - 2 * margin) / page.width,
      (sheet.getHeight() - 2 * margin) / page.height,
    );
    const width = page.width * scale;
    const height = page.height * scale;
    sheet.drawImage(image, {
      x: (sheet.getWidth() - width) / 2,
      y: (sheet.getHeight() - height) / 2,
      width,
      height,
    });
  }
  return pdf.save();
}

/** The pages of a PDF sent as it is (checked safe by the upload path before). */
export async function countPdfPages(bytes: Uint8Array): Promise<number> {
  const { PDFDocument } = await loadPdfLib();
  return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
}
