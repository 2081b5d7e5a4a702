/**
 * Mermaid flowchart text for a platform graph: renders in GitHub pull requests, issues and READMEs.
 */
import type { Graph, GraphCluster, GraphNode, NodeShape } from './graph-model.js';

function text(value: string): string {
  return value.replace(/"/g, '#quot;');
}

const SHAPES: Readonly<Record<NodeShape, readonly [string, string]>> = {
  box: ['[', ']'],
  round: ['(', ')'],
  hexagon: ['{{', '}}'],
  circle: ['((', '))'],
  stadium: ['([', '])'],
};

function renderNode(node: GraphNode, indent: string): string {
  const [open, close] = SHAPES[node.shape];
  return `${indent}${node.id}${open}"${node.label.map(text).join('<br/>')}"${close}`;
}

function renderCluster(cluster: GraphCluster, indent: string): string[] {
  return [
    `${indent}subgraph ${cluster.id}["${text(cluster.label)}"]`,
    ...cluster.children.flatMap((child) => (child.kind === 'node' ? [renderNode(child, `${indent}  `)] : renderCluster(child, `${indent}  `))),
    `${indent}end`,
  ];
}

/** The graph as a Mermaid `flowchart`. */
export function renderMermaid(graph: Graph): string {
  const lines = ['flowchart TB', ...graph.clusters.flatMap((cluster) => renderCluster(cluster, '  '))];
  for (const edge of graph.edges) {
    const arrow = edge.style === 'dotted' ? '-.-' : '-->';
    lines.push(edge.label === undefined ? `  ${edge.from} ${arrow} ${edge.to}` : `  ${edge.from} ${arrow}|"${text(edge.label)}"| ${edge.to}`);
  }
  return `${lines.join('\n')}\n`;
}
