/**
 * Approvals: requests for human review of risky calls, their state machine and store.
 */
package io.mcpgateway.approvals;
