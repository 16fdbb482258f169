import { describe, expect, it } from 'vitest';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';

/** The inbox's ten filters no longer push the results a screen down, at 1280 or at 360 px. */
const e2e = useBrowserAndServer();
const inbox = () => `${e2e.server.url}/back-office/authorities/spf/requests`;

describe('the inbox’s filters', () => {
  it('are folded away until set, then side by side on a wide screen and stacked on a phone', {
    timeout: 90_000,
  }, async () => {
    const agent = await loggedInAs(e2e.browser, e2e.server.url, 'Luc Fournier', { timeout: 15_000 });
    await agent.setViewportSize({ width: 1280, height: 800 });
    await agent.goto(inbox());
    const status = agent.getByLabel('État', { exact: true });
    expect(await status.isVisible()).toBe(false);
    expect(
      await agent.getByLabel('Rechercher (référence, nom du demandeur ou contenu des réponses)').isVisible(),
    ).toBe(true);
    await accessibleAtBothWidths(agent);

    // Opened by its summary, no script needed; set, it stays open on the next page.
    await agent.setViewportSize({ width: 1280, height: 800 });
    await agent.getByText('Filtres et tri', { exact: true }).click();
    await agent.getByLabel('En retard seulement').check();
    await agent.getByRole('button', { name: 'Filtrer' }).click();
    await agent.getByText('Filtres et tri (1 appliqué)').waitFor();
    const top = async (label: string) =>
      (await agent.getByLabel(label, { exact: true }).boundingBox())?.y ?? -1;
    expect(await top('Attribuée à')).toBe(await top('État'));
    expect(await top('Prestation')).toBe(await top('État'));
    await accessibleAtBothWidths(agent);

    await agent.setViewportSize({ width: 360, height: 740 });
    expect(await top('Attribuée à')).toBeGreaterThan(await top('État'));
    await agent.goto(inbox());
    expect(await status.isVisible()).toBe(false);
  });
});
