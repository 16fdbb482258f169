import type { SimulatedPage } from './store.ts';

const brandNames: Record<string, string> = {
  VISA: 'Visa',
  MASTERCARD: 'Mastercard',
  AMEX: 'American Express',
  TWINT: 'TWINT',
  POSTFINANCEPAY: 'PostFinance Pay',
};

/** The hosted payment page: the methods the page offers, a card number, pay, decline (test) or cancel. */
export function payPage(page: SimulatedPage): string {
  const amount = `${page.amount.CurrencyCode} ${(Number(page.amount.Value) / 100).toFixed(2)}`;
  const html = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Saferpay payment page (simulator)</title>
      </head>
      <body>
        <main>
          <h1>Saferpay payment page (simulator)</h1>
          <p>
            {page.description} ({page.orderId}): <strong>{amount}</strong>
          </p>
          <form method="post">
            <fieldset>
              <legend>Payment method</legend>
              {page.methods.map((brand, index) => (
                <div>
                  <input
                    type="radio"
                    id={`brand-${brand}`}
                    name="brand"
                    value={brand}
                    checked={index === 0}
                  />
                  <label for={`brand-${brand}`}>{brandNames[brand] ?? brand}</label>
                </div>
              ))}
            </fieldset>
            <p>
              <label for="card">Card number (cards only)</label>{' '}
              <input
                id="card"
                name="cardNumber"
                inputmode="numeric"
                autocomplete="cc-number"
                value="4242 4242 4242 4242"
              />
            </p>
            <button type="submit" name="action" value="pay">
              Pay {amount}
            </button>{' '}
            <button type="submit" name="action" value="decline">
              Decline (test)
            </button>{' '}
            <button type="submit" name="action" value="abort">
              Cancel
            </button>
          </form>
        </main>
      </body>
    </html>
  );
  return `<!DOCTYPE html>${html.toString()}`;
}
