/**
 * A translated sentence with one value in it (a reference such as 2026-000123) kept on one line: a
 * phone would otherwise break the reference at its hyphen. The sentence is composed with a marker in
 * place of the value, so the value becomes its own element wherever each language puts it.
 *
 * @example
 * <KeptWhole text={(refno) => t('paymentTitle', { refno })} value="2026-000002" />
 */
export function KeptWhole(props: { text: (value: string) => string; value: string }) {
  const marker = '\u{E000}';
  const parts = props.text(marker).split(marker);
  return (
    <>
      {parts.map((part, index) => (
        <>
          {index > 0 && <span class="nowrap">{props.value}</span>}
          {part}
        </>
      ))}
    </>
  );
}

export const keptWholeExamples = [
  () => <KeptWhole text={(refno) => `Paiement ${refno}`} value="2026-000002" />,
];
