/*
| Each module declares its routes in app/<module>/routes.ts.
*/
import '#accounts/routes'
import '#centres/routes'
import '#sessions/routes'
import '#candidates/routes'
import '#evaluations/routes'
import '#passports/routes'
import '#orders/routes'
import '#messaging/routes'
import '#dashboard/routes'
