// User-defined types: nullable through the alias chain, a typed default, a union without a value.
type bypassType = 'AzureServices' | 'None'

type networkAclsType = {
  bypass: bypassType?
  defaultAction: ('Allow' | 'Deny')?
}

type optionalNetworkAclsType = networkAclsType?

param location string = 'westeurope'
param networkAcls optionalNetworkAclsType
param tags object?
param strictAcls networkAclsType = { defaultAction: 'Deny' }
param bypass bypassType

resource openVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-open'
  location: location
  tags: tags
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: { family: 'A', name: 'standard' }
    networkAcls: !empty(networkAcls) ? { bypass: networkAcls.?bypass, defaultAction: networkAcls.?defaultAction } : null
  }
}

resource strictVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-strict'
  location: location
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: { family: 'A', name: 'standard' }
    networkAcls: {
      bypass: strictAcls.?bypass ?? 'AzureServices'
      defaultAction: strictAcls.defaultAction
    }
  }
}

resource typedVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-typed'
  location: location
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: { family: 'A', name: 'standard' }
    networkAcls: {
      bypass: bypass
      defaultAction: 'Deny'
    }
  }
}
