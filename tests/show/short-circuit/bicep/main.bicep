// Operators mean what their compiled functions mean, short-circuit included: the side that is
// not evaluated would fail the deployment if it were (a division by zero, a missing property).
param settings object = { name: 'kv-ops' }
param nothing object? // nullable, never set: null
param env string = 'Prod'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: settings.name
  properties: {
    enablePurgeProtection: false && (1 / 0 == 1)
    enableSoftDelete: true || (1 / 0 == 1)
    enabledForDeployment: !(env =~ 'prod')
    enabledForTemplateDeployment: env != 'prod'
    networkAcls: {
      bypass: settings.?bypass ?? 'AzureServices'
      defaultAction: nothing.?action ?? (env == 'Prod' ? 'Deny' : string(1 / 0))
    }
    tenantId: 'tenant' ?? string(1 / 0)
  }
}
