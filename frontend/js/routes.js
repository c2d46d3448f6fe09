import * as router from './router.js';
import { getSession } from './auth/session.js';
import { loginView, setupView } from './auth/auth-pages.js';
import { settingsView } from './settings/settings-page.js';
import { libraryView } from './library/library-view.js';
import { searchView } from './search/search-view.js';
import { chatView } from './chat/chat-view.js';
import { collectionsView } from './collections/collections-view.js';
import { exampleView } from './visual/example-view.js';
import { duplicatesView } from './visual/duplicates-view.js';

// Which screens exist and who may see them: the route table and the guard
// main.js hands to the router (setup first, then sign-in, then the rest).

/** @type {import('./router.js').Route[]} */
export const routes = [
  { pattern: '/library', view: libraryView, title: 'Library', section: 'library' },
  { pattern: '/library/folder/:nodeId', view: libraryView, title: 'Library', section: 'library' },
  { pattern: '/library/album/:albumKey', view: libraryView, title: 'Library', section: 'library' },
  { pattern: '/collections', view: collectionsView, title: 'Collections', section: 'collections' },
  { pattern: '/collections/:collectionId', view: collectionsView, title: 'Collection', section: 'collections' },
  { pattern: '/chat', view: chatView, title: 'Chat', section: 'chat' },
  { pattern: '/search', view: searchView, title: 'Search', section: 'search' },
  { pattern: '/visual', view: exampleView, title: 'Search by example', section: 'search' },
  { pattern: '/duplicates', view: duplicatesView, title: 'Near-duplicates', section: 'search' },
  { pattern: '/settings', view: settingsView, title: 'Settings', section: 'settings' },
  { pattern: '/login', view: loginView, title: 'Sign in', public: true },
  { pattern: '/setup', view: setupView, title: 'Set up', public: true },
];

/** @type {import('./router.js').Guard} */
export function guard(path, route, query) {
  const session = getSession();
  if (session.setupRequired) return path === '/setup' ? null : '/setup';
  if (path === '/setup') return session.authenticated ? router.FALLBACK_PATH : '/login';
  if (!session.authenticated) {
    if (route.public) return null;
    return `/login?next=${encodeURIComponent(path + window.location.search)}`;
  }
  if (path === '/login') return router.safeNext(query.get('next'));
  return null;
}
