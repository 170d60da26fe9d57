package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const (
	webApp        = "azure-native:web:WebApp"
	classicWebApp = "azure:appservice/linuxWebApp:LinuxWebApp"
)

func siteConfig(p packtest.Props) packtest.Props { return packtest.Props{"siteConfig": p} }

func TestAppServiceHTTPSOnly(t *testing.T) {
	packtest.Run(t, Policies(), "azure-app-service-https-only", []packtest.Case{
		{Name: "unset serves http", Want: packtest.Violation, Message: "app site leaves httpsOnly unset",
			Resource: packtest.Resource(webApp, "site", packtest.Props{"serverFarmId": "plan"})},
		{Name: "false", Want: packtest.Violation, Message: "app site has httpsOnly false",
			Resource: packtest.Resource(webApp, "site", packtest.Props{"httpsOnly": false})},
		{Name: "https only", Want: packtest.Pass, Resource: packtest.Resource(webApp, "site", packtest.Props{"httpsOnly": true})},
		{Name: "slot", Want: packtest.Violation, Resource: packtest.Resource("azure-native:web:WebAppSlot", "staging", packtest.Props{})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:web/v20220901:WebApp", "site", packtest.Props{})},
		{Name: "classic linux app", Want: packtest.Violation, Resource: packtest.Resource(classicWebApp, "site", packtest.Props{})},
		{Name: "classic windows slot https only", Want: packtest.Pass,
			Resource: packtest.Resource("azure:appservice/windowsWebAppSlot:WindowsWebAppSlot", "staging", packtest.Props{"httpsOnly": true})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: httpsOnly",
			Resource: packtest.Resource(webApp, "site", packtest.Props{"httpsOnly": packtest.Unknown})},
	})
}

func TestAppServiceMinimumTLS(t *testing.T) {
	packtest.Run(t, Policies(), "azure-app-service-minimum-tls-version", []packtest.Case{
		{Name: "tls 1.0", Want: packtest.Violation, Message: `app site has siteConfig.minTlsVersion "1.0"`,
			Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"minTlsVersion": "1.0"}))},
		{Name: "scm site on tls 1.1", Want: packtest.Violation, Message: `siteConfig.scmMinTlsVersion "1.1"`,
			Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"minTlsVersion": "1.2", "scmMinTlsVersion": "1.1"}))},
		{Name: "both lowered", Want: packtest.Violation, Count: 2,
			Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"minTlsVersion": "1.1", "scmMinTlsVersion": "1.0"}))},
		{Name: "tls 1.2", Want: packtest.Pass, Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"minTlsVersion": "1.2"}))},
		{Name: "tls 1.3", Want: packtest.Pass, Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"minTlsVersion": "1.3"}))},
		{Name: "unset is 1.2", Want: packtest.Pass, Resource: packtest.Resource(webApp, "site", packtest.Props{})},
		{Name: "slot", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:web:WebAppSlot", "staging", siteConfig(packtest.Props{"minTlsVersion": "1.0"}))},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:web/v20160801:WebApp", "site", siteConfig(packtest.Props{"minTlsVersion": "1.0"}))},
		{Name: "classic tls 1.1", Want: packtest.Violation, Message: "siteConfig.minimumTlsVersion",
			Resource: packtest.Resource(classicWebApp, "site", siteConfig(packtest.Props{"minimumTlsVersion": "1.1"}))},
		{Name: "classic scm tls 1.0", Want: packtest.Violation, Message: "siteConfig.scmMinimumTlsVersion",
			Resource: packtest.Resource(classicWebApp, "site", siteConfig(packtest.Props{"scmMinimumTlsVersion": "1.0"}))},
		{Name: "classic default", Want: packtest.Pass, Resource: packtest.Resource(classicWebApp, "site", siteConfig(packtest.Props{}))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "siteConfig.minTlsVersion",
			Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"minTlsVersion": packtest.Unknown}))},
		{Name: "unknown scm", Want: packtest.NotApplicable, Message: "siteConfig.scmMinTlsVersion",
			Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"scmMinTlsVersion": packtest.Unknown}))},
		{Name: "unknown site config", Want: packtest.NotApplicable, Message: "siteConfig",
			Resource: packtest.Resource(webApp, "site", packtest.Props{"siteConfig": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "siteConfig.minimumTlsVersion",
			Resource: packtest.Resource(classicWebApp, "site", siteConfig(packtest.Props{"minimumTlsVersion": packtest.Unknown}))},
	})
}

func TestAppServiceFTPSOnly(t *testing.T) {
	packtest.Run(t, Policies(), "azure-app-service-ftps-only", []packtest.Case{
		{Name: "unset allows plain ftp", Want: packtest.Violation, Message: "app site leaves siteConfig.ftpsState unset",
			Resource: packtest.Resource(webApp, "site", packtest.Props{})},
		{Name: "all allowed", Want: packtest.Violation, Message: `siteConfig.ftpsState "AllAllowed"`,
			Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"ftpsState": "AllAllowed"}))},
		{Name: "ftps only", Want: packtest.Pass, Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"ftpsState": "FtpsOnly"}))},
		{Name: "disabled", Want: packtest.Pass, Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"ftpsState": "Disabled"}))},
		{Name: "slot", Want: packtest.Violation, Resource: packtest.Resource("azure-native:web:WebAppSlot", "staging", packtest.Props{})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:web/v20181101:WebApp", "site", packtest.Props{})},
		{Name: "classic default is disabled", Want: packtest.Pass, Resource: packtest.Resource(classicWebApp, "site", siteConfig(packtest.Props{}))},
		{Name: "classic all allowed", Want: packtest.Violation,
			Resource: packtest.Resource(classicWebApp, "site", siteConfig(packtest.Props{"ftpsState": "AllAllowed"}))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "siteConfig.ftpsState",
			Resource: packtest.Resource(webApp, "site", siteConfig(packtest.Props{"ftpsState": packtest.Unknown}))},
	})
	// API version 2016-08-01 has no ftpsState.
	policy := appServiceFTPSOnly
	res := packtest.Check(t, policy, packtest.Case{Resource: packtest.Resource("azure-native:web/v20160801:WebApp", "site", packtest.Props{})})
	if len(res.Diagnostics) > 0 || res.Applicable {
		t.Errorf("want not applicable to API version 2016-08-01, got %+v", res)
	}
}

func TestAppServiceRemoteDebuggingOff(t *testing.T) {
	debugging := func(on any) packtest.Props {
		return packtest.Props{"siteConfig": packtest.Props{"remoteDebuggingEnabled": on}}
	}
	packtest.Run(t, Policies(), "azure-app-service-remote-debugging-off", []packtest.Case{
		{Name: "on", Want: packtest.Violation, Message: "app site has siteConfig.remoteDebuggingEnabled true",
			Resource: packtest.Resource(webApp, "site", debugging(true))},
		{Name: "off", Want: packtest.Pass, Resource: packtest.Resource(webApp, "site", debugging(false))},
		{Name: "unset is off", Want: packtest.Pass, Resource: packtest.Resource(webApp, "site", packtest.Props{"serverFarmId": "plan"})},
		{Name: "slot on an API-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:web/v20230101:WebAppSlot", "slot", debugging(true))},
		{Name: "classic linux app", Want: packtest.Violation, Resource: packtest.Resource(classicWebApp, "site", debugging(true))},
		{Name: "classic windows slot off", Want: packtest.Pass,
			Resource: packtest.Resource("azure:appservice/windowsWebAppSlot:WindowsWebAppSlot", "slot", debugging(false))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "siteConfig.remoteDebuggingEnabled",
			Resource: packtest.Resource(webApp, "site", debugging(packtest.Unknown))},
		{Name: "unknown site config", Want: packtest.NotApplicable, Message: "value unknown during preview: siteConfig",
			Resource: packtest.Resource(webApp, "site", packtest.Props{"siteConfig": packtest.Unknown})},
	})
}
