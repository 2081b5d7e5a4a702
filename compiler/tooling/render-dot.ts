/**
 * Graphviz DOT text for a platform graph, for `dot -Tsvg` and tools that read DOT.
 */
import type { Graph, GraphCluster, GraphNode, NodeShape } from './graph-model.js';

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function quote(value: string): string {
  return `"${escape(value)}"`;
}

const SHAPES: Readonly<Record<NodeShape, string>> = {
  box: 'box',
  round: 'box, style=rounded',
  hexagon: 'hexagon',
  circle: 'ellipse',
  stadium: 'box, style="rounded,filled", fillcolor="#eeeeee"',
};

function renderNode(node: GraphNode, indent: string): string {
  return `${indent}${node.id} [label=${quote(node.label.join('\n'))}, shape=${SHAPES[node.shape]}];`;
}

function renderCluster(cluster: GraphCluster, indent: string, anchored: ReadonlySet<string>): string[] {
  return [
    `${indent}subgraph cluster_${cluster.id} {`,
    `${indent}  label=${quote(cluster.label)};`,
    ...(anchored.has(cluster.id) ? [`${indent}  ${cluster.id}_anchor [shape=point, style=invis];`] : []),
    ...cluster.children.flatMap((child) => (child.kind === 'node' ? [renderNode(child, `${indent}  `)] : renderCluster(child, `${indent}  `, anchored))),
    `${indent}}`,
  ];
}

/** The graph as a DOT digraph. Edges to a cluster are drawn to an invisible anchor node inside it. */
export function renderDot(graph: Graph): string {
  const clusterIds = new Set<string>();
  const collect = (cluster: GraphCluster): void => {
    clusterIds.add(cluster.id);
    cluster.children.forEach((child) => child.kind === 'cluster' && collect(child));
  };
  graph.clusters.forEach(collect);
  const anchored = new Set(graph.edges.flatMap((edge) => [edge.from, edge.to]).filter((target) => clusterIds.has(target)));
  const endpoint = (target: string): string => (anchored.has(target) ? `${target}_anchor` : target);
  const lines = [`digraph ${quote(graph.title)} {`, '  compound=true;', '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const cluster of graph.clusters) lines.push(...renderCluster(cluster, '  ', anchored));
  for (const edge of graph.edges) {
    const attributes = [
      ...(edge.label === undefined ? [] : [`label=${quote(edge.label)}`]),
      ...(edge.style === 'dotted' ? ['style=dotted', 'dir=none'] : []),
      ...(anchored.has(edge.to) ? [`lhead=cluster_${edge.to}`] : []),
      ...(anchored.has(edge.from) ? [`ltail=cluster_${edge.from}`] : []),
    ];
    lines.push(`  ${endpoint(edge.from)} -> ${endpoint(edge.to)}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
