import env from '#start/env'
import type CreditOrder from '#orders/models/credit_order'

export interface BankDetails {
  holder: string
  iban: string
  bic: string
  /** What the transfer must carry so that the network matches it: the order number. */
  reference: string
}

/** Where "Poursuivre ma commande" leads: transfer instructions, or a provider's page. */
export type Checkout =
  { kind: 'instructions'; transfer: BankDetails } | { kind: 'redirect'; url: string }

/**
 * The seam for online payment (seed 004 §4.3, "centre de paiement"). No
 * provider is integrated: the default pays by bank transfer, and an account
 * manager validates the order once the money is received. A provider would
 * implement this interface, return a redirect to its page, and call
 * markOrderPaid() from its confirmed-payment webhook.
 */
export interface PaymentGateway {
  readonly name: string
  checkout(order: CreditOrder): Promise<Checkout>
}

export class BankTransferGateway implements PaymentGateway {
  readonly name = 'transfer'

  async checkout(order: CreditOrder): Promise<Checkout> {
    return {
      kind: 'instructions',
      transfer: {
        holder: env.get('PAYMENT_HOLDER') ?? 'Réseau Passerelle',
        iban: env.get('PAYMENT_IBAN') ?? 'FR76 3000 4000 0312 3456 7890 143',
        bic: env.get('PAYMENT_BIC') ?? 'BNPAFRPPXXX',
        reference: order.number ?? String(order.id),
      },
    }
  }
}

let current: PaymentGateway = new BankTransferGateway()

export function paymentGateway() {
  return current
}

/** Plugs a provider in (at boot). */
export function usePaymentGateway(gateway: PaymentGateway) {
  current = gateway
}
