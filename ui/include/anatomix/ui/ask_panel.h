// AskPanel: questions about the current image. "Describe" (grounded captioning) and "Diagnose"
// (grounded diagnosis) ask about the regions drawn with the region tool; the answer streams into
// the panel and next to the regions (the "answer" overlay layer). Below, a small chat asks free
// questions (open VQA) and keeps the image's question-and-answer history until another image is
// shown. Stop cancels the running question. The panel only shows and asks: the caller runs the
// engine (askRequested) and feeds back streamed text and the final answer. The overlay model is
// borrowed. GUI thread only.
#pragma once

#include <QRectF>
#include <QTimer>
#include <QVector>
#include <QWidget>

#include "anatomix/engine.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;

namespace anatomix::viewer {
class OverlayLayerModel;
}

namespace anatomix::ui {

class AskPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr const char* kLayerId = "answer";

  explicit AskPanel(viewer::OverlayLayerModel* model, QWidget* parent = nullptr);

  // The regions Describe/Diagnose ask about (displayed-image pixels); the caller keeps them in sync
  // with the user's regions.
  void setRegions(const QVector<QRectF>& regionsPx);
  void setAiAvailable(bool available);
  // A new image: history and answers are cleared.
  void clearHistory();

  // Feedback from the engine for the question in flight.
  void beginAnswer(Task task, const QString& question);
  void appendAnswerText(const QString& piece);
  void finishAnswer(const Answer& answer);
  void failAnswer(const QString& message);
  void cancelAnswer();
  bool isAsking() const { return m_asking; }

  QString regionAnswerText() const { return m_regionAnswer; }  // the last Describe/Diagnose answer so far
  // The last Describe/Diagnose question of this image: its regions as they were when it was asked,
  // its wording and the answer so far. No regions when none was asked.
  struct RegionQuestion {
    QVector<QRectF> regionsPx;
    QString question;
    QString answer;
  };
  RegionQuestion lastRegionQuestion() const;
  QString chatHistoryText() const;
  QPushButton* describeButton() const { return m_describe; }
  QPushButton* diagnoseButton() const { return m_diagnose; }
  QPushButton* stopButton() const { return m_stop; }
  QLineEdit* questionEdit() const { return m_question; }

 public slots:
  void describeRegions();
  void diagnoseRegions();
  void sendQuestion();

 signals:
  void askRequested(anatomix::Task task, const QString& text, const QVector<QRectF>& regionsPx);
  void stopRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateButtons();
  void updateAnswerLayer();
  void renderHistory();

  struct Exchange {
    Task task = Task::OpenVqa;
    QString question;
    QString answer;
    bool failed = false;
    bool boxesUnread = false;  // the engine could not read the answer's boxes: `answer` is the raw text
  };

  viewer::OverlayLayerModel* m_model;  // borrowed
  QLabel* m_regionsLabel;
  QPushButton* m_describe;
  QPushButton* m_diagnose;
  QPushButton* m_stop;
  QTextBrowser* m_history;
  QLineEdit* m_question;
  QPushButton* m_send;
  QVector<QRectF> m_regions;
  QVector<QRectF> m_askedRegions;  // regions of the question in flight or last answered
  QVector<Exchange> m_exchanges;
  QTimer m_refresh;  // coalesces redraws while text streams in (one per token would load the GUI thread)
  QString m_regionAnswer;
  bool m_asking = false;
  bool m_aiAvailable = false;
};

}  // namespace anatomix::ui

Q_DECLARE_METATYPE(anatomix::Task)
