import { infoPaths } from '../info-pages.tsx';
import { usePage } from '../page-context.ts';

/** On every page: how to reach the authority, help, and what a public portal owes its users. */
export function Footer() {
  const { t, branding, currentUrl } = usePage();
  const links = [
    { href: branding.contactPath, label: t('footerContact') },
    { href: infoPaths.help, label: t('navHelp') },
    // eCH-0059: a way to give feedback from every page, saying which page it was about.
    {
      href: `${infoPaths.help}/contact?${new URLSearchParams({ kind: 'feedback', page: currentUrl })}`,
      label: t('footerFeedback'),
    },
    { href: infoPaths.legal, label: t('footerLegal') },
    { href: infoPaths.privacy, label: t('footerPrivacy') },
    { href: infoPaths.accessibility, label: t('footerAccessibility') },
  ];
  return (
    <footer class="footer">
      <div class="container">
        <nav aria-label={t('footerNavigation')}>
          <ul class="footer__links">
            {links.map((link) => (
              <li>
                <a href={link.href}>{link.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="footer__operator">{t('footerOperatedBy', { name: branding.operatorName })}</p>
      </div>
    </footer>
  );
}
