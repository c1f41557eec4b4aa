import * as vscode from 'vscode';

/** A plain tree node; providers build these from the active incident. */
export interface TreeNode {
  label: string | vscode.TreeItemLabel;
  description?: string;
  tooltip?: string | vscode.MarkdownString;
  icon?: string | vscode.ThemeIcon;
  contextValue?: string;
  command?: vscode.Command;
  children?: TreeNode[];
  /** Open by default (the first suspect, a group with findings). */
  expanded?: boolean;
  id?: string;
  resourceUri?: vscode.Uri;
  /** What a command run on this node acts on (a deploy, a commit, a log line). */
  data?: unknown;
}

/** Shared plumbing: a provider only says how to turn the active incident into root nodes. */
export abstract class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly parents = new WeakMap<TreeNode, TreeNode>();
  private lastRoots: TreeNode[] = [];

  protected abstract roots(): TreeNode[] | Promise<TreeNode[]>;

  refresh(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const collapsible = node.children?.length
      ? node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.command = node.command;
    item.resourceUri = node.resourceUri;
    if (node.icon) item.iconPath = typeof node.icon === 'string' ? new vscode.ThemeIcon(node.icon) : node.icon;
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const kids = node ? (node.children ?? []) : (this.lastRoots = await this.roots());
    for (const k of kids) if (node) this.parents.set(k, node);
    return kids;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  /** The node with this id among what was last shown (depth-first), for reveal(). */
  find(id: string): TreeNode | undefined {
    const walk = (nodes: TreeNode[], parent?: TreeNode): TreeNode | undefined => {
      for (const n of nodes) {
        if (parent) this.parents.set(n, parent);
        if (n.id === id) return n;
        const hit = walk(n.children ?? [], n);
        if (hit) return hit;
      }
      return undefined;
    };
    return walk(this.lastRoots);
  }

  /** Recomputes the roots (without waiting for the view to ask) so find() sees the current incident. */
  async load(): Promise<TreeNode[]> {
    this.lastRoots = await this.roots();
    return this.lastRoots;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
