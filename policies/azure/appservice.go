package azure

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// API versions of WebApp and WebAppSlot that azure-native 2.x generated besides its default.
var webAppAPIVersions = []string{"20160801", "20181101", "20201001", "20220901", "20230101", "20231201", "20240401"}

var (
	classicWebAppTypes = []string{"azure:appservice/linuxWebApp:LinuxWebApp", "azure:appservice/windowsWebApp:WindowsWebApp",
		"azure:appservice/linuxWebAppSlot:LinuxWebAppSlot", "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot"}
	webAppTypes = slices.Concat(azureNativeTypes("web", "WebApp", webAppAPIVersions...),
		azureNativeTypes("web", "WebAppSlot", webAppAPIVersions...), classicWebAppTypes)
	// ftpsState came with API version 2018-02-01.
	webAppFTPSTypes = slices.DeleteFunc(slices.Clone(webAppTypes), func(t string) bool {
		return azureAPIVersion(t) == "20160801"
	})
)

var appServiceHTTPSOnly = pack.Policy{
	Name:        "azure-app-service-https-only",
	DisplayName: "App Service apps accept HTTPS only",
	Description: "App Service web apps, function apps and their slots redirect plain HTTP requests to HTTPS.",
	Severity:    pack.High,
	Framework:   frameworks.CISAzure("9.2"),
	Tags:        []string{"azure", "app-service", "encryption", "network"},
	Remediation: "Set httpsOnly: true.",
	Types:       webAppTypes,
	Resource:    checkAppServiceHTTPSOnly,
}

var appServiceMinimumTLS = pack.Policy{
	Name:        "azure-app-service-minimum-tls-version",
	DisplayName: "App Service apps refuse TLS older than 1.2",
	Description: "App Service apps and their deployment (SCM) sites do not lower their minimum TLS version below " +
		"1.2, App Service's default.",
	Severity:  pack.Medium,
	Framework: frameworks.CISAzure("9.3"),
	Tags:      []string{"azure", "app-service", "encryption"},
	Remediation: "Remove siteConfig.minTlsVersion and siteConfig.scmMinTlsVersion, or set them to \"1.2\" " +
		"(siteConfig.minimumTlsVersion and siteConfig.scmMinimumTlsVersion in the classic azure provider).",
	Types:    webAppTypes,
	Resource: checkAppServiceMinimumTLS,
}

var appServiceFTPSOnly = pack.Policy{
	Name:        "azure-app-service-ftps-only",
	DisplayName: "App Service apps do not accept plain FTP",
	Description: "App Service apps disable FTP deployment, or accept it over FTPS only, so that deployment " +
		"credentials and code do not cross the network in clear text.",
	Severity:  pack.Medium,
	Framework: frameworks.CISAzure("9.9"),
	Tags:      []string{"azure", "app-service", "encryption"},
	Remediation: "Set siteConfig.ftpsState: \"Disabled\" (or \"FtpsOnly\" if FTP deployment is needed). Azure " +
		"accepts plain FTP (AllAllowed) when ftpsState is unset; the classic azure provider defaults to Disabled.",
	Types:    webAppFTPSTypes,
	Resource: checkAppServiceFTPSOnly,
}

var appServiceRemoteDebuggingOff = pack.Policy{
	Name:        "azure-app-service-remote-debugging-off",
	DisplayName: "App Service apps keep remote debugging off",
	Description: "App Service web apps and their slots do not turn on remote debugging, which opens extra " +
		"inbound ports to the app's worker and lets a debugger attach to the running code.",
	Severity:  pack.Medium,
	Framework: frameworks.MCSB("PV-2"),
	Tags:      []string{"azure", "app-service", "network"},
	Remediation: "Remove siteConfig.remoteDebuggingEnabled: true (it defaults to false); turn it on only for a " +
		"debugging session, on a slot, and off again.",
	Types:    webAppTypes,
	Resource: checkAppServiceRemoteDebuggingOff,
}

func init() {
	register(appServiceHTTPSOnly, appServiceMinimumTLS, appServiceFTPSOnly, appServiceRemoteDebuggingOff)
}

func checkAppServiceHTTPSOnly(c *pack.Check, r *pack.Resource) {
	// Both providers default httpsOnly to false.
	if v := r.Get("httpsOnly"); !v.Bool(false) {
		if !v.Exists() {
			c.Violatef("app %s leaves httpsOnly unset, so it serves plain HTTP: set httpsOnly: true", r.Name)
			return
		}
		c.Violatef("app %s has httpsOnly false, so it serves plain HTTP: set httpsOnly: true", r.Name)
	}
}

func checkAppServiceMinimumTLS(c *pack.Check, r *pack.Resource) {
	names := []string{"minTlsVersion", "scmMinTlsVersion"}
	if isClassicAzure(r.Type) {
		names = []string{"minimumTlsVersion", "scmMinimumTlsVersion"}
	}
	for _, name := range names {
		// Unset is TLS 1.2 in App Service and in the classic provider.
		v := r.Get("siteConfig", name)
		if version := strings.TrimSpace(v.Text("1.2")); version == "1.0" || version == "1.1" {
			c.Violatef("app %s has siteConfig.%s %v, which accepts TLS versions older than 1.2: set it to \"1.2\"",
				r.Name, name, v)
		}
	}
}

func checkAppServiceFTPSOnly(c *pack.Check, r *pack.Resource) {
	def := "AllAllowed" // what App Service does when ftpsState is unset
	if isClassicAzure(r.Type) {
		def = "Disabled" // the classic provider's default
	}
	v := r.Get("siteConfig", "ftpsState")
	if state := v.Text(def); !strings.EqualFold(state, "Disabled") && !strings.EqualFold(state, "FtpsOnly") {
		if !v.Exists() {
			c.Violatef("app %s leaves siteConfig.ftpsState unset, so it accepts deployments over plain FTP: set "+
				"siteConfig.ftpsState: \"Disabled\" or \"FtpsOnly\"", r.Name)
			return
		}
		c.Violatef("app %s has siteConfig.ftpsState %v, so it accepts deployments over plain FTP: set it to "+
			"\"Disabled\" or \"FtpsOnly\"", r.Name, v)
	}
}

func checkAppServiceRemoteDebuggingOff(c *pack.Check, r *pack.Resource) {
	// Off when unset, in App Service and in the classic provider.
	if r.Get("siteConfig", "remoteDebuggingEnabled").Bool(false) {
		c.Violatef("app %s has siteConfig.remoteDebuggingEnabled true: its debugging ports accept connections and a "+
			"debugger can attach to the running code; remove it or set it to false", r.Name)
	}
}
