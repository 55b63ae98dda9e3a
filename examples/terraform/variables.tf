variable "project" {
  description = "Short project name, used in resource names."
  type        = string
}

variable "environment" {
  description = "Deployment environment (dev, test, prod)."
  type        = string
  default     = "dev"
}

variable "location" {
  description = "Azure region for every resource."
  type        = string
  default     = "westeurope"
}

variable "office_ip_ranges" {
  description = "Public IP ranges allowed through the Key Vault firewalls."
  type        = list(string)
  default     = ["203.0.113.0/24"]
}

variable "backup_vault_bypass" {
  description = "Which traffic may bypass the backup vault's firewall: AzureServices or None."
  type        = string
  default     = "None"
}
