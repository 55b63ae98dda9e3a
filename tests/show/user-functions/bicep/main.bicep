// User-defined functions: arguments bound by position, object results, a function calling
// another, a lambda inside one.
func vaultName(team string, env string) string => toLower('kv-${team}-${env}')

func acls(strict bool) object => {
  bypass: strict ? 'AzureServices' : 'None'
  defaultAction: strict ? 'Deny' : 'Allow'
}

func strictAcls() object => acls(true)

func ipRules(ips array) array => map(ips, ip => { value: ip })

param env string = 'Prod'
param ips array = ['10.0.0.0/24']

resource appVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName('App', env)
  location: 'westeurope'
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: { family: 'A', name: 'standard' }
    networkAcls: strictAcls()
  }
}

resource opsVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName('Ops', env)
  location: 'westeurope'
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: { family: 'A', name: 'standard' }
    networkAcls: union(acls(false), { ipRules: ipRules(ips) })
  }
}
