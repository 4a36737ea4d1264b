<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>AnatomiX Workstation: reading chest radiographs. Not for clinical use.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>After loading, save a PNG of the window to &lt;file&gt; and exit (exit code 0: saved; 1: not saved; 3: saved, but some input could not be opened).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log debug messages (may include patient identifiers).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write the log file into &lt;folder&gt;.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DICOM, PNG, JPEG or TIFF files, folders or DICOMDIR files to open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--screenshot needs a file name.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>anatomix::ui::DicomTagsPanel</name>
    <message>
        <source>Filter by tag, name or value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VR</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No image open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: no DICOM elements (not a DICOM file).</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1: %n element(s)</source>
        <translation><numerusform>%1: %n element</numerusform><numerusform>%1: %n elements</numerusform></translation>
    </message>
    <message>
        <source>Cannot list the DICOM elements: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>anatomix::ui::LayersPanel</name>
    <message>
        <source>Opacity of the selected layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opacity:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>anatomix::ui::MainWindow</name>
    <message>
        <source>AnatomiX Workstation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>My regions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scanning %v of %m files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decoding %p%</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opening %1 was cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a study with File &gt; Open (Ctrl+O) or drop files here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open Files...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;Folder...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Cancel Loading</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Delete Region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete &amp;All Regions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Actual Size (1:1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotate &amp;Right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotate &amp;Left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Flip &amp;Horizontally</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Flip &amp;Vertically</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>R&amp;eset View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show &amp;Annotations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File Window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lung Window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mediastinum Window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bone Window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Window/Level Tool</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Pan Tool</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Zoom Tool</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Region Tool</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About AnatomiX Workstation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About AnatomiX Workstation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h3&gt;AnatomiX Workstation %1&lt;/h3&gt;&lt;p&gt;Reading chest radiographs with an anatomy-aware grounded multimodal model (AnatomiX, arXiv 2601.03191).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Not for clinical use.&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Study Browser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DICOM Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Window &amp;Presets</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Full range</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lung</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mediastinum</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (W %2, L %3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images (*.dcm *.DCM *.dicom *.dic *.png *.jpg *.jpeg *.tif *.tiff DICOMDIR);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opening %1...</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Opening %n items...</source>
        <translation><numerusform>Opening %n item...</numerusform><numerusform>Opening %n items...</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Opening was cancelled; %n image(s) found so far.</source>
        <translation><numerusform>Opening was cancelled; %n image found so far.</numerusform><numerusform>Opening was cancelled; %n images found so far.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Could not open %n file(s). %1</source>
        <translation><numerusform>Could not open %n file. %1</numerusform><numerusform>Could not open %n files. %1</numerusform></translation>
    </message>
    <message>
        <source>No new images found.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Found %n image(s).</source>
        <translation><numerusform>Found %n image.</numerusform><numerusform>Found %n images.</numerusform></translation>
    </message>
    <message>
        <source>%1 - AnatomiX Workstation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2 × %3, %4 bit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelling...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>x %1, y %2: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (stored %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>W %1 L %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot show the image: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n other file(s) skipped.</source>
        <translation><numerusform>%n other file skipped.</numerusform><numerusform>%n other files skipped.</numerusform></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::StudyBrowserPanel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Modality</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ID %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sex %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Study</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Study %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accession %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Series %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 bit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(scan)</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
