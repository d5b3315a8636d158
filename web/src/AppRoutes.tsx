// Every client route of the contract, deep-linkable. Screens load lazily, so the first screen
// carries only what it shows (the statistics' charts load with the statistics page).
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import type { Role } from './auth/session';
import { AppShell } from './components/AppShell';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Loading, NotFoundResult } from './components/Results';
import { rolesFor } from './navigation';

const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);
// Screens whose forms confirm with a message need Ant Design's App context (components/Messages.tsx),
// fetched alongside the screen: the others, the first screens among them, go without it.
const withMessages = (load: () => Promise<{ default: ComponentType }>) =>
  lazy(async () => {
    const [screen, messages] = await Promise.all([load(), import('./components/Messages')]);
    return { default: messages.withMessages(screen.default) };
  });
const SignInPage = page(() => import('./pages/signIn/SignInPage'));
const OidcCallbackPage = page(() => import('./pages/signIn/OidcCallbackPage'));
const HomePage = page(() => import('./pages/home/HomePage'));
const RectificationPage = withMessages(() => import('./pages/rectification/RectificationPage'));
const ObservationPage = withMessages(() => import('./pages/observation/ObservationPage'));
const PenaltyRecordPage = withMessages(() => import('./pages/penaltyRecord/PenaltyRecordPage'));
const EnterprisePage = page(() => import('./pages/enterprise/EnterprisePage'));
const EnterpriseSearchPage = page(() => import('./pages/enterprise/EnterpriseSearchPage'));
const NewRectificationPage = page(() => import('./pages/newCase/NewRectificationPage'));
const NewObservationPage = page(() => import('./pages/newCase/NewObservationPage'));
const NewPenaltyRecordPage = page(() => import('./pages/newCase/NewPenaltyRecordPage'));
const BulkExtensionPage = page(() => import('./pages/bulk/BulkExtensionPage'));
const StatsPage = page(() => import('./pages/stats/StatsPage'));
const AuditPage = page(() => import('./pages/audit/AuditPage'));
const PoliciesPage = withMessages(() => import('./pages/policies/PoliciesPage'));
const PublicListsPage = page(() => import('./pages/publicLists/PublicListsPage'));
const CatalogPage = withMessages(() => import('./pages/catalog/CatalogPage'));
const OffsetPage = withMessages(() => import('./pages/offset/OffsetPage'));
const ObjectionPage = withMessages(() => import('./pages/objection/ObjectionPage'));
const InspectionsPage = withMessages(() => import('./pages/inspections/InspectionsPage'));
const NotificationsPage = page(() => import('./pages/notifications/NotificationsPage'));

const signedIn = (element: ReactNode, roles?: readonly Role[]) => (
  <RequireSession roles={roles}>{element}</RequireSession>
);

export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/auth/callback" element={<OidcCallbackPage />} />
          <Route path="/public/lists" element={<PublicListsPage />} />
          <Route element={signedIn(<AppShell />)}>
            <Route index element={<HomePage />} />
            <Route path="enterprises" element={signedIn(<EnterpriseSearchPage />, rolesFor('/enterprises'))} />
            <Route path="enterprises/:id" element={<EnterprisePage />} />
            <Route
              path="rectifications/new"
              element={signedIn(<NewRectificationPage />, rolesFor('/rectifications/new'))}
            />
            <Route path="rectifications/:id" element={<RectificationPage />} />
            <Route
              path="observation-periods/new"
              element={signedIn(<NewObservationPage />, rolesFor('/observation-periods/new'))}
            />
            <Route path="observation-periods/:id" element={<ObservationPage />} />
            <Route
              path="penalty-records/new"
              element={signedIn(<NewPenaltyRecordPage />, rolesFor('/penalty-records/new'))}
            />
            <Route path="penalty-records/:id" element={<PenaltyRecordPage />} />
            <Route path="bulk-extensions" element={signedIn(<BulkExtensionPage />, rolesFor('/bulk-extensions'))} />
            <Route path="stats" element={signedIn(<StatsPage />, rolesFor('/stats'))} />
            <Route path="audit" element={signedIn(<AuditPage />, rolesFor('/audit'))} />
            <Route path="catalog" element={signedIn(<CatalogPage />, rolesFor('/catalog'))} />
            <Route path="offsets/:id" element={<OffsetPage />} />
            <Route path="objections/:id" element={<ObjectionPage />} />
            <Route path="policies" element={signedIn(<PoliciesPage />, rolesFor('/policies'))} />
            <Route path="inspections" element={signedIn(<InspectionsPage />, rolesFor('/inspections'))} />
            <Route path="notifications" element={signedIn(<NotificationsPage />, rolesFor('/notifications'))} />
            <Route path="*" element={<NotFoundResult />} />
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
