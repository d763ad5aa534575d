export { NoAccess, rolesGranting, type NoAccessProps } from './no-access';
export { NotFound } from './not-found';
export { RouteError } from './route-error';
export { LoadFailed, type LoadFailedProps } from './load-failed';
