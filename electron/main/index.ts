/**
 * The main-process entry. Everything that must happen before the app's 'ready' event (the
 * privileged studio:// scheme, the single-instance lock, 'open-file') runs synchronously at the top
 * level of ./shell with no await before it: with an ES module entry, Electron only promises that
 * work done while the entry loads precedes 'ready' (its ESM caveat), not work after an await.
 */
import './shell';
