import { registerPersonalData } from '#candidates'
import { passportsPersonalData, trainingPersonalData } from '#passports/services/personal_data'

/** How the passports module plugs into others at boot (loaded with its routes). */
registerPersonalData(passportsPersonalData)
registerPersonalData(trainingPersonalData)
