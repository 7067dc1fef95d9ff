// Agora's progressive enhancement. Every page works as plain HTML forms; with this module the forms post in the
// background, counts update in place, and open pages hear changes live. No inline script anywhere (CSP).
import { enhanceForms } from './enhance.js';
import { startLive } from './live.js';
import { startMinimap } from './minimap.js';
import { startCompose } from './compose.js';
import { startUnread } from './unread.js';

enhanceForms();
startLive();
startMinimap();
startCompose();
startUnread();
