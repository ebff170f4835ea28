/**
 * The main-process entry. With an ES module entry, Electron documents that the side effects of the
 * entry's *imports* run before the app's 'ready' event; what must happen before 'ready' (the
 * privileged studio:// scheme, the single-instance lock, 'open-file') therefore lives in ./shell,
 * imported here for its effects.
 */
import './shell';
