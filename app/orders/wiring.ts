import { registerPersonalData } from '#candidates'
import { ordersPersonalData } from '#orders/services/personal_data'

/** How the orders module plugs into others at boot (loaded with its routes). */
registerPersonalData(ordersPersonalData)
