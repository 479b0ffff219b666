import { registerCandidateExtension, registerPersonalData } from '#candidates'
import { ordersCandidateExtension } from '#orders/services/candidate_extension'
import { ordersPersonalData } from '#orders/services/personal_data'
import { verifyResult } from '#orders/services/results'
import { registerVerifier } from '#shared/verification'

/** How the orders module plugs into others at boot (loaded with its routes). */
registerPersonalData(ordersPersonalData)
registerCandidateExtension(ordersCandidateExtension)
registerVerifier('credit_results', verifyResult)
