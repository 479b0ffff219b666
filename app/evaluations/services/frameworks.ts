import FrameworkPole from '#evaluations/models/framework_pole'

/**
 * The tree of a framework version, in file order: poles → classes →
 * situations → their competences (one or two). Four queries, no N+1.
 */
export async function frameworkTree(versionId: number) {
  return FrameworkPole.query()
    .where('version_id', versionId)
    .orderBy('position')
    .preload('classes', (classes) =>
      classes
        .orderBy('position')
        .preload('situations', (situations) =>
          situations
            .orderBy('position')
            .preload('competences', (competences) => competences.orderBy('position'))
        )
    )
}
