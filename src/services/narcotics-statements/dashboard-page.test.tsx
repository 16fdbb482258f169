import { describe, expect, it } from 'vitest';
import { examplePageContext, PageContextProvider } from '../../platform/views/page-context.ts';
import { DashboardPage } from './views/dashboard-page.tsx';

describe('the controls’ dashboard', () => {
  it('writes a missing pharmacy’s UID as the register does, CHE-526.018.151', async () => {
    const html = (
      <PageContextProvider.Provider value={examplePageContext('fr')}>
        <DashboardPage
          locale="fr"
          authorityName="Service de la santé publique"
          base="/back-office/authorities/ssp/narcotics"
          dashboard={{
            month: '2026-10',
            settings: { doseJumpPercent: 50, deadlineDay: 10 },
            filedCount: 0,
            missing: [
              {
                month: '2026-10',
                pharmacyUid: 'CHE526018151',
                pharmacyName: 'Pharmacie de la Planta SA',
                deadline: '2026-11-10',
              },
            ],
            shared: [],
            jumps: [],
            totals: [],
          }}
          reminders={new Map()}
          errors={[]}
        />
      </PageContextProvider.Provider>
    ).toString();
    expect(html).toContain('CHE-526.018.151');
    expect(html).not.toContain('CHE526018151');
  });
});
