import { registerPersonalData } from '#candidates'
import { sessionsPersonalData } from '#sessions/services/personal_data'

/** How the sessions module plugs into others at boot (loaded with its routes). */
registerPersonalData(sessionsPersonalData)
