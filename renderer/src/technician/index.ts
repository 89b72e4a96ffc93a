/** Technician mode in the renderer: the hidden gesture + PIN, and first-boot provisioning. */
export { ProvisioningGate } from './ProvisioningGate';
export { TechnicianLayer } from './TechnicianLayer';
