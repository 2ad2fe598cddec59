/**
 * Tells which shapes can have focus nodes in a record, so that the validator skips the others. A shape's
 * focus nodes come from its targets: instances of its target classes (and of the shape itself when it is a
 * class), the subjects or objects of given predicates, and fixed nodes. A record without any of those
 * cannot give the shape a focus node, so skipping the shape leaves the report unchanged.
 */
import type { DatasetCore, Term } from "@rdfjs/types";

import { termToId } from 'n3';
import type SHACLValidator from 'rdf-validate-shacl';
import { isInstanceOf } from 'rdf-validate-shacl/src/dataset-utils.js';
import type { Shape } from 'rdf-validate-shacl/src/shapes-graph.js';
import { RDF, RDFS, SH } from '../vocab/namespaces';

/** The targets of one shape, with terms as N3.js term ids. */
interface ShapeTargets {
  readonly shape: Shape;
  /** True for `sh:targetNode` and `sh:target`: the shape runs on every record. */
  readonly always: boolean;
  readonly classes: readonly string[];
  readonly subjectsOf: readonly string[];
  readonly objectsOf: readonly string[];
}

/** The targets of every shape of a validator, in the order in which the engine validates the shapes. */
export class TargetIndex {
  private constructor(private readonly entries: readonly ShapeTargets[]) {}

  /** Reads the targets of the engine's shapes from its shapes graph. */
  static of(engine: SHACLValidator): TargetIndex {
    const shapesGraph = engine.$shapes;
    const entries = engine.shapesGraph.shapesWithTarget.map((shape): ShapeTargets => {
      const objects = (predicate: Term): Term[] => [...shapesGraph.dataset.match(shape.shapeNode, predicate, null)].map((quad) => quad.object);
      const isClass = isInstanceOf(shapesGraph.node(shape.shapeNode), shapesGraph.node(RDFS.Class), engine.ns);
      return {
        shape,
        always: objects(SH.targetNode).length > 0 || objects(SH.target).length > 0,
        classes: [...(isClass ? [shape.shapeNode] : []), ...objects(SH.targetClass)].map(termId),
        subjectsOf: objects(SH.targetSubjectsOf).map(termId),
        objectsOf: objects(SH.targetObjectsOf).map(termId),
      };
    });
    return new TargetIndex(entries);
  }

  /**
   * Returns the shapes that can have a focus node in `data`, in validation order. When the record declares
   * subclasses itself (`rdfs:subClassOf`), an instance of any class may be an instance of a target class,
   * so every shape with a class target is returned.
   */
  shapesWithTargetsIn(data: DatasetCore): Shape[] {
    const types = new Set<string>();
    const predicates = new Set<string>();
    let declaresSubclasses = false;
    for (const quad of data.match()) {
      const predicate = termId(quad.predicate);
      predicates.add(predicate);
      if (predicate === RDF_TYPE) types.add(termId(quad.object));
      else if (predicate === RDFS_SUB_CLASS_OF) declaresSubclasses = true;
    }

    return this.entries.filter((entry) =>
      entry.always ||
      entry.classes.some((targetClass) => declaresSubclasses || types.has(targetClass)) ||
      entry.subjectsOf.some((predicate) => predicates.has(predicate)) ||
      entry.objectsOf.some((predicate) => predicates.has(predicate)),
    ).map((entry) => entry.shape);
  }
}

const RDF_TYPE = termId(RDF.type);
const RDFS_SUB_CLASS_OF = termId(RDFS.subClassOf);

function termId(term: Term): string {
  return termToId(term as Parameters<typeof termToId>[0]);
}
