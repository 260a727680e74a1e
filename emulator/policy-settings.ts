/**
 * Realistic policy settings trees for getPolicyDetails: the sections and switches a GravityZone
 * endpoint policy has (general, antimalware, sandbox analyzer, firewall, network protection, patch
 * management, device control, relay, exchange protection, encryption, incidents sensor, risk
 * management, integrity monitoring), in a few flavours used by the seed.
 */

/** The flavours of policy the seed uses. */
export type PolicyFlavour = "default" | "workstations" | "servers" | "strict" | "edr-report-only";

/** Builds the settings tree of a policy of the given flavour. */
export function policySettings(flavour: PolicyFlavour, name: string): Record<string, unknown> {
  const strict = flavour === "strict";
  const server = flavour === "servers";
  const reportOnly = flavour === "edr-report-only";
  const action = reportOnly ? "report" : "disinfect";
  return {
    general: {
      details: {
        name,
        description: descriptionOf(flavour),
        allowOtherUsersToChange: !strict,
        inheritedSettings: false,
      },
      notifications: {
        displayNotificationPopUps: !server,
        displayAlertPopUps: !server,
        statusAlerts: {
          enabled: true,
          alertOnEndpointIssues: true,
          alertOnOutdatedProduct: true,
          alertOnRestartNeeded: !server,
        },
        endpointIssuesVisibility: {
          generalSecurity: true,
          licenseExpiration: true,
          productUpdate: true,
          restartNeeded: !server,
        },
      },
      settings: {
        passwordConfiguration: strict ? "enabled" : "disabled",
        powerUserEnabled: flavour === "workstations",
        proxyConfiguration: { enabled: false },
        eventsRetentionDays: 30,
        submitCrashReports: true,
        submitSuspiciousExecutables: !strict,
      },
      communication: { assignment: "automatic", fallback: "cloud", proxyCommunication: false },
      update: {
        productUpdate: {
          recurrence: server ? "weekly" : "hourly",
          intervalHours: 1,
          postponeReboot: true,
          rebootWindow: { day: "sunday", hour: "03:00" },
        },
        signatureUpdate: { recurrence: "hourly", intervalHours: 1 },
        updateLocations: [{ address: "https://upgrade.bitdefender.com", priority: 1, useProxy: false }],
        updateRings: { ring: server ? "slow" : "fast" },
      },
    },
    antimalware: {
      onAccess: {
        enabled: true,
        profile: strict ? "aggressive" : server ? "permissive" : "normal",
        scanLocal: true,
        scanNetwork: strict,
        archiveScan: strict ? { enabled: true, maxSizeMB: 100, maxDepth: 16 } : { enabled: false },
        actions: { infected: [action, "quarantine"], suspicious: [reportOnly ? "report" : "quarantine", "report"] },
      },
      onExecute: {
        advancedThreatControl: {
          enabled: true,
          level: strict ? "aggressive" : "normal",
          action: reportOnly ? "report" : "kill",
        },
        ransomwareMitigation: {
          enabled: !server || strict,
          localDetection: true,
          remoteDetection: true,
          recovery: !reportOnly,
        },
        filelessAttackProtection: { enabled: true },
        commandLineScanner: { enabled: !server },
      },
      onDemand: {
        scheduledScans: [
          { name: "Quick Scan", type: "quick", recurrence: "daily", startTime: "12:00", enabled: !server },
          { name: "Full Scan", type: "full", recurrence: "weekly", day: "saturday", startTime: "02:00", enabled: true },
        ],
        deviceScanning: { cdDvd: false, usb: true, mappedNetworkDrives: false },
      },
      hyperDetect: {
        enabled: strict || flavour === "workstations",
        level: strict ? "aggressive" : "normal",
        action: reportOnly ? "report" : "block",
      },
      advancedAntiExploit: {
        enabled: true,
        systemWide: { enabled: true },
        predefinedApplications: { browsers: true, office: true, adobeReader: true },
      },
      settings: {
        quarantine: { deleteOlderThanDays: 30, submitToBitdefender: !strict, rescanAfterUpdates: true },
        customExclusions: server
          ? [
              { type: "folder", value: "%ProgramFiles%\\Microsoft SQL Server\\", modules: ["onAccess", "onDemand"] },
              { type: "extension", value: "ldf", modules: ["onAccess"] },
            ]
          : [],
        builtInExclusions: true,
      },
      securityServers: { assignment: [], useSslWithSecurityServer: false },
    },
    sandboxAnalyzer: { enabled: strict, automaticSubmission: strict, action: "report", prefiltering: true },
    firewall: {
      enabled: !reportOnly,
      blockPortScans: true,
      allowInternetConnectionSharing: false,
      monitorWifiConnections: !server,
      logVerbosity: "low",
      intrusionDetection: { enabled: strict, level: strict ? "aggressive" : "normal" },
      networkProfiles: { trust: server ? "trusted" : "lowTrust", wireless: !server },
      rules: [
        {
          name: "Allow DNS",
          enabled: true,
          direction: "outbound",
          protocol: "UDP",
          remotePorts: "53",
          action: "allow",
        },
        {
          name: "Block SMBv1 inbound",
          enabled: true,
          direction: "inbound",
          protocol: "TCP",
          localPorts: "139,445",
          action: strict ? "deny" : "allow",
        },
        ...(server
          ? [
              {
                name: "Allow RDP from admin subnet",
                enabled: true,
                direction: "inbound",
                protocol: "TCP",
                localPorts: "3389",
                remoteAddress: "10.0.0.0/24",
                action: "allow",
              },
            ]
          : []),
      ],
    },
    networkProtection: {
      general: { enabled: !reportOnly, scanSsl: !server },
      contentControl: {
        enabled: flavour === "workstations" || strict,
        webAccessControl: {
          schedule: "allow",
          categories: { gambling: "block", malware: "block", adult: strict ? "block" : "allow" },
        },
        dataProtection: { enabled: false },
      },
      webProtection: {
        antiPhishing: { enabled: true, fraudProtection: true, phishingProtection: true },
        webTrafficScan: { enabled: true, web: true, email: !server },
      },
      networkAttackDefense: {
        enabled: true,
        techniques: {
          initialAccess: "block",
          credentialAccess: "block",
          discovery: "report",
          lateralMovement: "block",
          crimeware: "block",
        },
      },
    },
    patchManagement: { enabled: false, smartScan: { enabled: true }, scheduledInstallation: { enabled: false } },
    deviceControl: {
      enabled: strict || flavour === "workstations",
      rules: [
        { deviceClass: "usbStorage", permission: strict ? "blocked" : "allowed" },
        { deviceClass: "bluetooth", permission: strict ? "blocked" : "allowed" },
        { deviceClass: "cdDvd", permission: "readOnly" },
      ],
      exclusions: [],
    },
    relay: { enabled: false, communication: { useProxy: false }, update: { cacheUpdates: true } },
    exchangeProtection: { enabled: false },
    encryption: { enabled: false, mode: "none" },
    storageProtection: { enabled: false },
    incidentsSensor: { edrEnabled: true, reportOnly, sensitivity: strict ? "high" : "normal" },
    riskManagement: { enabled: true, scanRecurrence: "daily", misconfigurations: true, appVulnerabilities: true },
    integrityMonitoring: {
      enabled: server,
      rules: server ? [{ name: "System32 changes", path: "C:\\Windows\\System32", events: ["modify", "delete"] }] : [],
    },
  };
}

function descriptionOf(flavour: PolicyFlavour): string {
  switch (flavour) {
    case "default":
      return "Default policy created with the company.";
    case "workstations":
      return "Baseline for office workstations: balanced on-access scanning, content and device control.";
    case "servers":
      return "Baseline for servers: permissive on-access scanning, SQL exclusions, integrity monitoring.";
    case "strict":
      return "Hardened profile for laptops and high-risk users: aggressive scanning, USB blocked, sandbox submission.";
    case "edr-report-only":
      return "EDR in report-only mode, for evaluation alongside another antivirus.";
  }
}
