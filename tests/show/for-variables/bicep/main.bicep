// Variables built by for-expressions, and a resource loop over one: ARM's variable copy.
param teams array = ['app', 'ops']
param allowedIps array = ['10.0.0.0/24', '192.168.1.10']

var vaultNames = [for (team, i) in teams: 'kv-${team}-${i + 1}']
var ipRules = [for ip in allowedIps: { value: ip }]

resource vaults 'Microsoft.KeyVault/vaults@2023-07-01' = [for name in vaultNames: {
  name: name
  location: 'westeurope'
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: { family: 'A', name: 'standard' }
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
      ipRules: ipRules
    }
  }
}]
