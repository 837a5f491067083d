/**
 * The Chicago note moved to shared/citations so that the renderer's live preview words notes the
 * way the exported PDF does; this re-export keeps core's existing imports working until they move.
 */
export { chicagoNote } from '../../shared/citations';
