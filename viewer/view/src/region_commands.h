// Undo commands of UserRegionLayer (private). Each applies its change in redo() through the
// OverlayLayerModel's item mutators, then announces UserRegionLayer::regionsChanged.
#pragma once

#include <QUndoCommand>

#include "anatomix/viewer/overlay_item.h"

namespace anatomix::viewer {

class UserRegionLayer;

class AddRegionCommand : public QUndoCommand {
 public:
  AddRegionCommand(UserRegionLayer* regions, const OverlayItem& region);
  void redo() override;
  void undo() override;

 private:
  UserRegionLayer* m_regions;  // borrowed, outlives the undo stack's use of it
  OverlayItem m_region;
};

class RemoveRegionCommand : public QUndoCommand {
 public:
  RemoveRegionCommand(UserRegionLayer* regions, const OverlayItem& region, int index,
                      QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  UserRegionLayer* m_regions;
  OverlayItem m_region;
  int m_index;
};

// Changes geometry and label; flags (selection) stay as they are in the model.
class ChangeRegionCommand : public QUndoCommand {
 public:
  static constexpr int kMergeId = 0x52454731;  // "REG1"
  // mergeKey 0: never merges. Otherwise merges with the next command of the same region, key and
  // drag generation (UserRegionLayer::finishDrag() starts a new generation).
  ChangeRegionCommand(UserRegionLayer* regions, const OverlayItem& before, const OverlayItem& after,
                      int mergeKey, int dragGeneration);
  void redo() override;
  void undo() override;
  int id() const override { return m_mergeKey != 0 ? kMergeId : -1; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  void apply(const OverlayItem& state);
  UserRegionLayer* m_regions;
  OverlayItem m_before, m_after;
  int m_mergeKey;
  int m_dragGeneration;
};

}  // namespace anatomix::viewer
