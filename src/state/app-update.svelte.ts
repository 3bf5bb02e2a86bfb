/**
 * The "update available" prompt, joined to the browser: the service worker's
 * lifecycle and the activity registry go in as events, the decisions of
 * `lib/pwa/update.ts` come out as a message for the banner and as commands
 * (SKIP_WAITING to the waiting worker, a reload) carried out here.
 *
 * The app has one instance, `appUpdate`: `main.ts` registers the worker into
 * it and `UpdateBanner` shows it.
 */
import { INITIAL_UPDATE_STATE, updateMessage, updateStep, type ActivityKind, type UpdateCommand, type UpdateEvent, type UpdateState } from '../lib/pwa/update.ts';
import { activeKinds, subscribe } from './activity.ts';

/** What carrying out the commands takes; the page's own in the app, a fake in tests. */
export interface UpdateHost {
  /** Asks the waiting worker to take over (its generated code listens for `{ type: 'SKIP_WAITING' }`). */
  skipWaiting(): void;
  reload(): void;
}

export class AppUpdateState {
  #machine = $state.raw<UpdateState>(INITIAL_UPDATE_STATE);
  #kinds = $state.raw<readonly ActivityKind[]>([]);
  #host: UpdateHost | null;
  readonly #unsubscribe: () => void;

  /** `host` may come later, with `attach`, once the worker is registered. */
  constructor(host: UpdateHost | null = null) {
    this.#host = host;
    this.#unsubscribe = subscribe((kinds) => this.#onActivity(kinds));
    this.#onActivity(activeKinds());
  }

  readonly phase = $derived(this.#machine.phase);
  /** The banner's sentence; empty when there is no banner. */
  readonly message = $derived(updateMessage(this.#machine, this.#kinds));
  /** "Reload to update" is offered. */
  readonly canAccept = $derived(this.#machine.phase === 'available');
  /** "Later" is offered (it also calls off an update waiting for the learner to finish). */
  readonly canPostpone = $derived(this.#machine.phase === 'available' || this.#machine.phase === 'deferred');

  attach(host: UpdateHost): void {
    this.#host = host;
  }

  accept(): void {
    this.send({ type: 'user-accepted' });
  }

  later(): void {
    this.send({ type: 'user-postponed' });
  }

  /** Feeds one event to the decisions and carries out what they say. */
  send(event: UpdateEvent): void {
    const step = updateStep(this.#machine, event);
    this.#machine = step.state;
    for (const command of step.commands) this.#run(command);
  }

  /** Stops listening to the activity registry. */
  dispose(): void {
    this.#unsubscribe();
  }

  #onActivity(kinds: readonly ActivityKind[]): void {
    this.#kinds = kinds;
    if (kinds.length > 0 !== this.#machine.busy) this.send({ type: 'busy-changed', busy: kinds.length > 0 });
  }

  #run(command: UpdateCommand): void {
    if (command === 'skip-waiting') this.#host?.skipWaiting();
    else this.#host?.reload();
  }
}

export const appUpdate = new AppUpdateState();

/** How often an open app asks the server for a new version (the browser also asks on every visit). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the service worker at `url` and reports its lifecycle to
 * `update`: a new worker installed and waiting while this page is controlled
 * (`waiting`), and a change of the controlling worker (`controller-changed`;
 * not the first one, which only means a new page came under the worker).
 */
export async function registerServiceWorker(url: string, update: AppUpdateState = appUpdate): Promise<ServiceWorkerRegistration> {
  const container = navigator.serviceWorker;
  let controlled = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    if (controlled) update.send({ type: 'controller-changed' });
    controlled = true;
  });

  const registration = await container.register(url);
  update.attach({
    skipWaiting: () => registration.waiting?.postMessage({ type: 'SKIP_WAITING' }),
    reload: () => location.reload(),
  });
  // A page that no worker controls already runs what the server has: nothing to offer it.
  const reportWhenInstalled = (worker: ServiceWorker | null): void => {
    if (!worker) return;
    const check = (): void => {
      if (worker.state === 'installed' && container.controller) update.send({ type: 'waiting' });
    };
    worker.addEventListener('statechange', check);
    check();
  };
  if (registration.waiting && container.controller) update.send({ type: 'waiting' });
  reportWhenInstalled(registration.installing);
  registration.addEventListener('updatefound', () => reportWhenInstalled(registration.installing));
  setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
  return registration;
}
