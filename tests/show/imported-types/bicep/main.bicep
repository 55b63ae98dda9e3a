// Types, variables and functions imported from another file: a parameter whose type is
// nullable there is null when nobody sets it, never unknown.
import { networkAcls, defaultBypass, vaultName } from 'types.bicep'
import * as t from 'types.bicep'

type localAcls = networkAcls

param acls localAcls
param sku t.tier
param env string = 'Prod'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName(env)
  properties: {
    sku: { family: 'A', name: sku ?? 'standard' }
    networkAcls: acls ?? { bypass: defaultBypass, defaultAction: 'Deny' }
  }
}
