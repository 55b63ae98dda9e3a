param name string
param bypass string = 'AzureServices'
param defaultAction string = 'Allow'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: 'westeurope'
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: { family: 'A', name: 'standard' }
    networkAcls: {
      bypass: bypass
      defaultAction: defaultAction
    }
  }
}
