import type { LintResult } from '../model/index.js';
import type { ReportOptions } from './types.js';

/** The JSON contract of DESIGN.md, version 1: keys are added, never renamed. */
export default function formatJson(result: LintResult, _options: ReportOptions): string {
  const output = {
    version: 1,
    systems: result.systems.map(({ model, metrics }) => ({
      id: model.id,
      name: model.name,
      framework: model.framework,
      sources: model.sources,
      metrics,
      agents: model.agents.map((agent) => ({
        id: agent.id,
        name: agent.name,
        role: agent.role,
        model: agent.model ?? null,
        domain: agent.domain ?? null,
        tools: agent.tools.map((tool) => ({
          name: tool.name,
          irreversible: tool.irreversible,
          needsApproval: tool.needsApproval,
          ...(tool.kind !== undefined && { kind: tool.kind }),
          ...(tool.detail !== undefined && { detail: tool.detail }),
        })),
        location: agent.location,
      })),
      humans: model.humans.map((human) => ({ id: human.id, name: human.name, location: human.location })),
      edges: model.edges.map((edge) => ({
        from: edge.from,
        to: edge.to,
        kind: edge.kind,
        coupling: edge.coupling,
        fallback: edge.fallback,
        parallel: edge.parallel,
        mode: edge.mode,
        ...(edge.contract !== undefined && { contract: edge.contract }),
        ...(edge.approvalMode !== undefined && { approvalMode: edge.approvalMode }),
        ...(edge.tool !== undefined && { tool: edge.tool }),
        ...(edge.exclusive === true && { exclusive: true }),
        ...(edge.choice !== undefined && { choice: edge.choice }),
        ...(edge.joined === true && { joined: true }),
        ...(edge.steps !== undefined && { steps: edge.steps }),
        location: edge.location,
      })),
    })),
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      messageId: finding.messageId,
      severity: finding.severity,
      message: finding.message,
      system: finding.system ?? null,
      location: finding.location,
      related: finding.related,
      ...(finding.suggestion !== undefined && { suggestion: finding.suggestion }),
      data: finding.data,
    })),
    coverage: result.coverage,
    summary: result.summary,
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
