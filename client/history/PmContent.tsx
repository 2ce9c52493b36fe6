/**
 * Read-only rendering of ProseMirror JSON in the shared schema, as React elements (never as HTML
 * strings): a version's content and the text runs of a diff. Links keep only safe protocols.
 */
import type { ReactNode } from 'react';
import type { PmNode } from '../../shared/templates';
import type { MarkRef } from '../../shared/versions/diff';

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Wraps text in the elements of its marks (bold, italic, strike, code, underline, link). */
export function withMarks(children: ReactNode, marks: readonly MarkRef[] | undefined, key?: string | number): ReactNode {
  let out = children;
  for (const mark of marks ?? []) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
    else if (mark.type === 'strike') out = <s>{out}</s>;
    else if (mark.type === 'code') out = <code>{out}</code>;
    else if (mark.type === 'underline') out = <u>{out}</u>;
    else if (mark.type === 'link') {
      const href = String(mark.attrs?.href ?? '');
      out = SAFE_LINK.test(href) ? <a href={href} target="_blank" rel="noopener noreferrer">{out}</a> : out;
    }
  }
  return <span key={key}>{out}</span>;
}

/** The element a block node becomes. */
function blockElement(node: PmNode, children: ReactNode, key: number): ReactNode {
  switch (node.type) {
    case 'heading': {
      const level = Math.min(Math.max(Number(node.attrs?.level ?? 2), 1), 6);
      const Tag = `h${level}` as 'h1';
      return <Tag key={key}>{children}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList':
      return <ol key={key}>{children}</ol>;
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
    case 'codeBlock':
      return <pre key={key}><code>{children}</code></pre>;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'hardBreak':
      return <br key={key} />;
    case 'table':
      return <table key={key}><tbody>{children}</tbody></table>;
    case 'tableRow':
      return <tr key={key}>{children}</tr>;
    case 'tableHeader':
      return <th key={key}>{children}</th>;
    case 'tableCell':
      return <td key={key}>{children}</td>;
    default:
      return <p key={key}>{children}</p>;
  }
}

function renderNode(node: PmNode, key: number): ReactNode {
  if (node.type === 'text') return withMarks(node.text ?? '', node.marks, key);
  return blockElement(node, (node.content ?? []).map(renderNode), key);
}

/** A document's content, read-only. */
export function PmContent({ doc }: { doc: PmNode }) {
  return <div className="version-content tiptap">{(doc.content ?? []).map(renderNode)}</div>;
}
