import type { SimulatedTransaction } from './store.ts';

const methodNames: Record<string, string> = {
  VIS: 'Visa',
  ECA: 'Mastercard',
  AMX: 'American Express',
  TWI: 'TWINT',
  PFC: 'PostFinance Card',
  PEF: 'PostFinance E-Finance',
};

/** The provider's hosted page: the card number field, pay and cancel. */
export function payPage(transaction: SimulatedTransaction, methods: string[]): string {
  const amount = `${transaction.currency} ${(transaction.amount / 100).toFixed(2)}`;
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Datatrans payment page (simulator)</title>
      </head>
      <body>
        <main>
          <h1>Datatrans payment page (simulator)</h1>
          <p>
            {transaction.refno}: <strong>{amount}</strong>
          </p>
          <form method="post">
            <fieldset>
              <legend>Payment method</legend>
              {methods.map((method, index) => (
                <div>
                  <input
                    type="radio"
                    id={`method-${method}`}
                    name="paymentMethod"
                    value={method}
                    checked={index === 0}
                  />
                  <label for={`method-${method}`}>{methodNames[method] ?? method}</label>
                </div>
              ))}
            </fieldset>
            <label for="card">Card number (cards only)</label>{' '}
            <input
              id="card"
              name="cardNumber"
              inputmode="numeric"
              autocomplete="cc-number"
              value="4242 4242 4242 4242"
            />{' '}
            <button type="submit" name="action" value="pay">
              Pay {amount}
            </button>{' '}
            <button type="submit" name="action" value="decline">
              Decline (test)
            </button>{' '}
            <button type="submit" name="action" value="cancel">
              Cancel
            </button>
          </form>
        </main>
      </body>
    </html>
  );
  return `<!DOCTYPE html>${page.toString()}`;
}
