@export()
type networkAcls = {
  bypass: 'AzureServices' | 'None'
  defaultAction: 'Allow' | 'Deny'
}?

@export()
type tier = 'standard' | 'premium' | null

@export()
var defaultBypass = 'AzureServices'

@export()
func vaultName(env string) string => 'kv-${toLower(env)}'
