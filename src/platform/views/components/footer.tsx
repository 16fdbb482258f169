import { usePage } from '../page-context.ts';

export function Footer() {
  const { t, branding } = usePage();
  return (
    <footer class="footer">
      <div class="container">
        <p class="footer__operator">{t('footerOperatedBy', { name: branding.operatorName })}</p>
      </div>
    </footer>
  );
}
