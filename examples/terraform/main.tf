# A small Azure estate with three Key Vaults, for trying vigil:
#
#   vigil check examples
#
# "app" is compliant. "backup" fails AZKV001 (its bypass comes from a variable whose default
# is "None", which cuts Azure Backup and disk encryption off from the vault). "legacy" fails
# AZKV002 (no network_acls block: the vault accepts traffic from every network).

terraform {
  required_version = ">= 1.5"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_client_config" "current" {}

locals {
  name_suffix = "${var.project}-${var.environment}"

  tags = {
    project     = var.project
    environment = var.environment
    managed_by  = "terraform"
  }
}

resource "azurerm_resource_group" "main" {
  name     = "rg-${local.name_suffix}"
  location = var.location
  tags     = local.tags
}

# Compliant: the firewall denies by default and trusted Microsoft services may pass.
resource "azurerm_key_vault" "app" {
  name                       = "kv-app-${local.name_suffix}"
  location                   = azurerm_resource_group.main.location
  resource_group_name        = azurerm_resource_group.main.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  soft_delete_retention_days = 90
  purge_protection_enabled   = true

  network_acls {
    bypass         = "AzureServices"
    default_action = "Deny"
    ip_rules       = var.office_ip_ranges
  }

  tags = local.tags
}

# AZKV001: var.backup_vault_bypass defaults to "None" (see variables.tf).
resource "azurerm_key_vault" "backup" {
  name                        = "kv-bak-${local.name_suffix}"
  location                    = azurerm_resource_group.main.location
  resource_group_name         = azurerm_resource_group.main.name
  tenant_id                   = data.azurerm_client_config.current.tenant_id
  sku_name                    = "premium"
  enabled_for_disk_encryption = true
  purge_protection_enabled    = true

  network_acls {
    bypass         = var.backup_vault_bypass
    default_action = "Deny"
    ip_rules       = var.office_ip_ranges
  }

  tags = local.tags
}

# AZKV002: no network_acls and public network access left at its default (enabled).
resource "azurerm_key_vault" "legacy" {
  name                = "kv-old-${local.name_suffix}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"

  tags = merge(local.tags, { status = "deprecated" })
}

output "app_vault_uri" {
  value = azurerm_key_vault.app.vault_uri
}
