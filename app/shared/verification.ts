/**
 * The public verification page (/verify/:code) answers for every document
 * that carries a verification code: session attestations (sessions module)
 * and certification results (orders module). A module registers how it finds
 * its codes; the page shows what the document states and its verdict.
 */
export type Verdict = 'valid' | 'suspended' | 'superseded' | 'expired' | 'revoked'

export interface VerifiedDocument {
  code: string
  verdict: Verdict
  /** i18n key of the document's kind ("Résultat de certification"). */
  kindKey: string
  /** i18n keys of the verdict's label and sentence, in the document's own words. */
  stateKey: string
  stateTextKey: string
  /** What the document states: i18n label keys and their values (formatted, or an i18n key). */
  facts: { key: string; value?: string; valueKey?: string }[]
}

type Verifier = (code: string) => Promise<VerifiedDocument | null>

const verifiers = new Map<string, Verifier>()

export function registerVerifier(name: string, verifier: Verifier) {
  verifiers.set(name, verifier)
}

/** The document with this (normalised) code, from whichever module issued it. */
export async function findVerified(code: string) {
  for (const verifier of verifiers.values()) {
    const found = await verifier(code)
    if (found) return found
  }
  return null
}
